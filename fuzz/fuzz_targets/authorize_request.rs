#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| oauthspec::fuzzing::authorize_request(data));
