#![no_main]
//! See `catena::fuzzing::ecosystem_yaml`.

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| catena::fuzzing::ecosystem_yaml(data));
