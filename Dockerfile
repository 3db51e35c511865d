# rescbot: one small image that answers from faq/ with settings from config/.
#   docker build -t rescbot .
#   docker run --rm -e DISCORD_TOKEN=... -v "$PWD/faq:/app/faq" -v "$PWD/config:/app/config" rescbot
# Without a token it still answers in the terminal:
#   docker run --rm rescbot ask "Who leads LEARN?"

FROM rust:1.95-slim-bookworm AS build
WORKDIR /src
COPY . .
RUN cargo build --release --locked --bin rescbot

FROM debian:bookworm-slim
RUN apt-get update \
    && apt-get install -y --no-install-recommends ca-certificates \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 --home-dir /app --shell /usr/sbin/nologin rescbot
WORKDIR /app
COPY --from=build /src/target/release/rescbot /usr/local/bin/rescbot
COPY --chown=rescbot:rescbot faq ./faq
COPY --chown=rescbot:rescbot config ./config
RUN mkdir -p /app/data && chown rescbot:rescbot /app/data
USER rescbot
VOLUME ["/app/faq", "/app/config", "/app/data"]
ENTRYPOINT ["/usr/local/bin/rescbot"]
CMD ["serve"]
