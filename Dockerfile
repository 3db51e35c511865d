# syntax=docker/dockerfile:1
# rescbot: one small image that answers from faq/ with settings from config/.
#   docker build -t rescbot .
#   docker run -d --name rescbot -e DISCORD_TOKEN=... \
#     -v rescbot-faq:/app/faq -v rescbot-data:/app/data -p 127.0.0.1:9100:9100 rescbot
# Without a token it still answers in the terminal:
#   docker run --rm rescbot ask "Who leads LEARN?"
# The bot runs as uid 10001, gid 10001: a host folder mounted for faq/ or data/ must be
# writable by them (`sudo chown -R 10001:10001 faq data`). See "Operating it" in README.md.

FROM rust:1.95-slim-bookworm AS build
WORKDIR /src
COPY . .
# The registry and target/ are cache mounts, so a source change rebuilds only rescbot, not
# every dependency. The binary is copied out of the cache, stripped (19 MB, not 106 MB).
RUN --mount=type=cache,target=/usr/local/cargo/registry \
    --mount=type=cache,target=/usr/local/cargo/git \
    --mount=type=cache,target=/src/target \
    CARGO_PROFILE_RELEASE_DEBUG=false CARGO_PROFILE_RELEASE_STRIP=symbols \
    cargo build --release --locked --bin rescbot \
    && cp target/release/rescbot /usr/local/bin/rescbot

FROM debian:bookworm-slim
# The group is made first with the same id as the user: `useradd --system` alone would make
# one with a system gid (999) that the README's chown would not match.
RUN apt-get update \
    && apt-get install -y --no-install-recommends ca-certificates \
    && rm -rf /var/lib/apt/lists/* \
    && groupadd --system --gid 10001 rescbot \
    && useradd --system --uid 10001 --gid 10001 --home-dir /app --shell /usr/sbin/nologin rescbot
WORKDIR /app
COPY --from=build /usr/local/bin/rescbot /usr/local/bin/rescbot
COPY --chown=10001:10001 faq ./faq
COPY --chown=10001:10001 config ./config
RUN mkdir -p /app/data && chown 10001:10001 /app/data
USER 10001:10001
# /healthz and /metrics; `rescbot health` asks /healthz (the image has no curl).
ENV RESCBOT_OPS_LISTEN=0.0.0.0:9100
EXPOSE 9100
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD ["/usr/local/bin/rescbot", "health"]
VOLUME ["/app/faq", "/app/data"]
ENTRYPOINT ["/usr/local/bin/rescbot"]
CMD ["serve"]
