# syntax=docker/dockerfile:1
# research-bot: compile with dev dependencies; run with pruned production dependencies only.

FROM node:22-bookworm-slim AS build
# onnxruntime-node's CPU runtime ships in its package; its install script would fetch GPU libraries
# from nuget.org, which the bot never uses.
ENV ONNXRUNTIME_NODE_INSTALL=skip
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
# data/: files the program reads at run time (data/word-vectors.bin), as committed, plus any the
# build adds; the runtime stage copies this folder from here.
COPY data ./data
RUN npm run build

FROM node:22-bookworm-slim AS deps
ENV ONNXRUNTIME_NODE_INSTALL=skip
WORKDIR /app
COPY package.json package-lock.json ./
# Production dependencies, without what a running program never reads: type declarations,
# TypeScript sources, source maps, Markdown docs, tests, examples and benchmarks (licences stay),
# and onnxruntime's builds for other systems than this image's (about 250 MB).
RUN npm ci --omit=dev --no-audit --no-fund \
  && find node_modules -type d \( -name test -o -name tests -o -name __tests__ -o -name docs \
       -o -name example -o -name examples -o -name benchmark -o -name benchmarks -o -name .github \) \
       -prune -exec rm -rf {} + \
  && find node_modules -type f \( -name '*.ts' -o -name '*.mts' -o -name '*.cts' -o -name '*.map' \
       -o -name '*.md' -o -name '*.markdown' \) ! -iname 'licen[cs]e*' -delete \
  && rm -rf node_modules/@types node_modules/.package-lock.json \
  && keep="linux/$(node -p process.arch)" \
  && find node_modules/onnxruntime-node/bin/napi-v*/ -mindepth 2 -maxdepth 2 -type d \
       | grep -v "/$keep\$" | xargs rm -rf

FROM node:22-bookworm-slim AS runtime
# tini reaps zombies and forwards signals to node (PID 1 would otherwise ignore some). apt's
# package lists and caches are removed in the same layer, so they never reach the image.
RUN apt-get update \
  && apt-get install -y --no-install-recommends tini \
  && apt-get clean \
  && rm -rf /var/lib/apt/lists/* /var/cache/apt/* /var/cache/debconf/*-old /var/log/apt /var/log/dpkg.log
ENV NODE_ENV=production \
    PORT=3000 \
    KNOWLEDGE_DIR=/app/knowledge
WORKDIR /app
# package.json says the compiled code is ES modules; npm itself is not needed to run.
COPY package.json ./
COPY --from=deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/data ./data
# The evaluation questions, so `eval` runs in the image.
COPY eval ./eval
# The seed knowledge base, baked in; mount a folder over /app/knowledge to replace it.
COPY knowledge ./knowledge
# The curator's store (SQLite, via node:sqlite) lives in /app/var: mount a volume on it to keep it.
RUN mkdir -p /app/var && chown node:node /app/var
# The saved index (INDEX_CACHE_DIR's default beside /app/knowledge); mount a volume here to keep it
# across restarts. Owned by node so the bot can write it.
RUN mkdir -p /app/.index-cache && chown node:node /app/.index-cache
USER node
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
ENTRYPOINT ["/usr/bin/tini", "--", "node", "dist/main.js"]
CMD ["start"]
