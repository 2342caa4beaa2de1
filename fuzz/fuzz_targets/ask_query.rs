#![no_main]
//! See `catena::fuzzing::ask_query`.

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| catena::fuzzing::ask_query(data));
