# exobot: build with the Rust toolchain, run as a non-root user on a small Debian image.
#   docker build -t exobot .
#   docker run -d --name exobot -e DISCORD_TOKEN=... -v exobot-data:/app/data exobot

FROM rust:1-bookworm AS build
WORKDIR /src
COPY Cargo.toml Cargo.lock ./
COPY src src
# The search's embedding model is compiled into the binary.
COPY models models
COPY benches benches
RUN cargo build --release --locked --bin exobot

# Same Debian release as the build stage, so the binary's glibc matches. TLS roots are built
# into the binary (rustls with webpki roots): no CA bundle or OpenSSL is needed.
FROM debian:bookworm-slim
RUN useradd --system --uid 10001 --home-dir /app --shell /usr/sbin/nologin exobot \
    && mkdir -p /app/data \
    && chown exobot /app/data
COPY --from=build /src/target/release/exobot /app/exobot
COPY knowledge /app/knowledge
COPY config /app/config
ENV EXOBOT_CONFIG=/app/config/exobot.toml
USER exobot
# The store and the generated clinic-check secret live here; nothing in it identifies a patient.
VOLUME /app/data
# The token comes only at run time: docker run -e DISCORD_TOKEN=...
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD ["/app/exobot", "healthcheck"]
ENTRYPOINT ["/app/exobot"]
CMD ["run"]
