#![no_main]
//! See `catena::fuzzing::question`.

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| catena::fuzzing::question(data));
