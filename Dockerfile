# syntax=docker/dockerfile:1
# Two stages: `build` installs every dependency, compiles TypeScript and indexes the corpus; `runtime` is a slim
# image with the production dependencies, the compiled code, the corpus and its serialized index, run as `node`.
#   docker build -t backend-bot .
#   cp .env.example .env   # first: --env-file needs the file
#   docker run -p 3000:3000 --env-file .env -v backend-bot-data:/app/data backend-bot
# Override the corpus with a mounted folder: -v "$PWD/my-docs:/app/corpus:ro" (the index is rebuilt at start).

FROM node:20-bookworm AS build
WORKDIR /app
# Dependencies first, so this layer is reused until package-lock.json changes. Lifecycle scripts are skipped here
# (`prepare` would compile sources not copied yet); better-sqlite3's native module is then built on its own:
# a prebuilt binary when GitHub is reachable, else compiled with this image's python3, make, g++ and the Node
# headers it ships in /usr/local/include/node (so an offline build needs no download from nodejs.org).
ENV npm_config_nodedir=/usr/local
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund \
 && npm rebuild better-sqlite3
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY adapters ./adapters
COPY scripts ./scripts
RUN npm run build
COPY corpus ./corpus
# The serialized index lets a container with thousands of documents start in a blink (see npm run build-index).
RUN CORPUS_DIR=/app/corpus INDEX_FILE=/app/index/index.json node dist/scripts/build-index.js
RUN npm prune --omit=dev --no-audit --no-fund

FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production \
    PORT=3000 \
    CORPUS_DIR=/app/corpus \
    DATA_DIR=/app/data \
    INDEX_FILE=/app/index/index.json
WORKDIR /app
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# The playground's CSS and JS are served from the source tree's public folder.
COPY --from=build /app/adapters/web/public ./adapters/web/public
COPY --from=build /app/corpus ./corpus
COPY --from=build /app/index ./index
# DATA_DIR holds the feedback database: a volume, owned by the unprivileged user the bot runs as.
RUN mkdir -p /app/data && chown node:node /app/data
VOLUME ["/app/data"]
USER node
EXPOSE 3000
# The slim image has no curl: Node's fetch asks /healthz, which is 200 once everything configured is up.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# npm start's command, V8 memory flags included (README, Performance: about 100 MB less RSS under load).
CMD ["node", "--max-semi-space-size=2", "--heap-growing-percent=50", "dist/start/main.js"]
