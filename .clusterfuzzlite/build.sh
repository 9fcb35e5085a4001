#!/bin/bash -eu
# ClusterFuzzLite / OSS-Fuzz build: the same command as docs/fuzzing.md, then every target, its
# seed corpus and its dictionary into $OUT. The base image's cargo wrapper adds the sanitizer
# flags ($SANITIZER) itself.
cd "$SRC/oauthspec"
cargo fuzz build -O

# The baseline_* targets only measure the third-party parsers' speed; they are not shipped.
TARGETS=(form_decode redirect_uri basic_auth authorize_request token_request)
declare -A DICT=(
  [form_decode]=form
  [redirect_uri]=redirect_uri
  [basic_auth]=basic_auth
  [authorize_request]=authorize
  [token_request]=token
)
BIN=fuzz/target/x86_64-unknown-linux-gnu/release
for t in "${TARGETS[@]}"; do
  cp "$BIN/$t" "$OUT/"
  if [ -d "fuzz/corpus/$t" ]; then
    (cd "fuzz/corpus/$t" && zip -q -r "$OUT/${t}_seed_corpus.zip" .)
  fi
  cp "fuzz/dict/${DICT[$t]}.dict" "$OUT/$t.dict"
done
