# oauthspec in a container: built on the Rust image, run on slim Debian with the Chromium package
# (for the browser driver of logins drawn by JavaScript), as a non-root user, the binary as
# entrypoint. The features are compiled into the binary, so the image needs no source checkout.
#
#   docker build -t oauthspec .
#   docker run --rm oauthspec                       # the suite against the embedded reference server
#   docker run --rm --network host --user "$(id -u):$(id -g)" -v "$PWD:/work" -e CLIENT_SECRET \
#       oauthspec run --target targets/staging.toml --report-dir reports/staging
# (`--user`: the reports in the mounted folder belong to you, not to the image's user.)
#
# No Docker daemon was available where this was written: the build command below is the one
# .ci/run runs on every CI run (tests/ci_integration.rs checks that the two lines agree), so a
# green CI means this build step compiles.

FROM rust:1-trixie AS build
WORKDIR /src
COPY . .
ENV OAUTHSPEC_ROOT=/opt/oauthspec
RUN cargo install --locked --path . --root "$OAUTHSPEC_ROOT"

# The same Debian release as the build stage, so the binary finds the glibc it was linked against.
FROM debian:trixie-slim
RUN apt-get update \
    && apt-get install -y --no-install-recommends ca-certificates chromium \
    && rm -rf /var/lib/apt/lists/*
RUN useradd --create-home --uid 10001 --user-group oauthspec \
    && mkdir /work && chown oauthspec:oauthspec /work
COPY --from=build /opt/oauthspec/bin/oauthspec /usr/local/bin/oauthspec
USER oauthspec
WORKDIR /work
ENTRYPOINT ["oauthspec"]
CMD ["run"]
