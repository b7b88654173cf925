# news-ingest worker image. Build:  docker build -t news-ingest .
# Node 24 is the newest LTS line published as an image when this was written; the code targets Node >= 20,
# so an older LTS can be chosen with --build-arg NODE_IMAGE=node:22-bookworm-slim.
ARG NODE_IMAGE=node:24-bookworm-slim

# --- build: full dependency tree, compile TypeScript, then drop dev dependencies ---------------------------
FROM ${NODE_IMAGE} AS build
WORKDIR /app
# Manifests first: the dependency layer is reused until package*.json change. kafkajs' fixes are installed by
# the code at start-up (libs/kafkajs), not into node_modules.
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json nest-cli.json ./
COPY apps ./apps
COPY libs ./libs
COPY tools/copy-build-assets.js ./tools/copy-build-assets.js
RUN npm run build && npm prune --omit=dev --no-audit --no-fund

# --- runtime: compiled code and production dependencies only, as an unprivileged user ----------------------
FROM ${NODE_IMAGE} AS runtime
# glibc malloc tuned so that the worker gives a backlog's memory back (apps/ingest-worker/src/allocator-env.ts
# says why; test/deploy/manifests.test.ts keeps the two equal).
ENV NODE_ENV=production \
    HTTP_PORT=8080 \
    MALLOC_ARENA_MAX=2 \
    MALLOC_MMAP_THRESHOLD_=131072
WORKDIR /app
# Owned by root and not writable by the runtime user: with a read-only root filesystem nothing needs writing.
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY bin ./bin
# 1000 is the "node" user of the official image; numeric so Kubernetes can verify runAsNonRoot.
USER 1000:1000
EXPOSE 8080
# Readiness (Kafka connected, group joined, Redis reachable when configured) for `docker compose ps`.
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.HTTP_PORT||8080)+'/health/ready').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# The worker handles SIGTERM itself: stop fetching, finish or abort the batch, disconnect (SHUTDOWN_TIMEOUT_MS).
STOPSIGNAL SIGTERM
CMD ["node", "dist/apps/ingest-worker/src/main.js"]
