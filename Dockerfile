# Vitrina in a container, for a centre whose CI runs containers:
#   docker build -t vitrina .
#   docker run --rm -v "$PWD:/site" vitrina build
# The binary is static (musl); the final image is Alpine (a few MB) rather than distroless, so
# that GitLab CI, which runs its scripts with a shell, can use it (`entrypoint: [""]`).

FROM rust:1.95-alpine AS build
# musl-dev: the C runtime that crates with C code (psm) compile against. Not pinned: Alpine keeps
# only the current build of each package, so a pinned version stops installing within months.
# hadolint ignore=DL3018
RUN apk add --no-cache musl-dev
WORKDIR /src
COPY Cargo.toml Cargo.lock LICENSE README.md ./
COPY src ./src
COPY themes ./themes
COPY docs ./docs
RUN cargo build --release --locked \
 && cp target/release/vitrina /usr/local/bin/vitrina \
 && vitrina --version

FROM alpine:3.22
COPY --from=build /usr/local/bin/vitrina /usr/local/bin/vitrina
COPY LICENSE /usr/share/doc/vitrina/LICENSE
WORKDIR /site
ENTRYPOINT ["vitrina"]
CMD ["build"]
