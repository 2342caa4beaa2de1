#![no_main]
//! See `catena::fuzzing::http_request`.

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| catena::fuzzing::http_request(data));
