# syntax=docker/dockerfile:1
# The interview coach: HTTP API, dashboard and (when configured) the Discord and Slack bots.
# TypeScript runs directly through Node's type stripping; keyv and Bolt's undici need Node >= 22.19,
# so the base image is pinned to an exact release (bump it deliberately, not by a floating tag).
ARG NODE_VERSION=22.23.3
FROM node:${NODE_VERSION}-slim

ENV NODE_ENV=production \
    NPM_CONFIG_UPDATE_NOTIFIER=false \
    NPM_CONFIG_FUND=false
WORKDIR /app

# Fonts for chart images (DejaVu; the repo also ships the two files it measures text with).
RUN apt-get update \
 && apt-get install -y --no-install-recommends fonts-dejavu-core ca-certificates \
 && rm -rf /var/lib/apt/lists/*

# Production dependencies first, so this layer is rebuilt only when the lockfile changes.
# .npmrc turns install scripts off: every native part ships prebuilt in an npm package.
COPY package.json package-lock.json .npmrc ./
RUN npm ci --omit=dev \
 && npm cache clean --force

# Then the application itself, owned by the unprivileged user that runs it.
COPY --chown=node:node src ./src
COPY --chown=node:node question-banks ./question-banks
COPY --chown=node:node assets ./assets
# The browser panel, bundled once here (esbuild's binary comes as an npm package).
COPY --chown=node:node web ./web
RUN node web/build.ts --force && chown -R node:node web/dist
RUN mkdir -p /app/data && chown node:node /app/data

USER node

# Defaults only; secrets (GEMINI_API_KEY, DISCORD_TOKEN...) come from the environment at run time.
ENV PORT=8000 \
    HOST=0.0.0.0 \
    STORE_URL=sqlite:///app/data/interviews.sqlite
VOLUME ["/app/data"]
EXPOSE 8000

HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 8000) + '/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]

# SIGTERM lets turns in flight finish before the process exits (see src/main.ts).
STOPSIGNAL SIGTERM
# Settings come from the container's environment: docker run --env-file .env, or compose's env_file.
CMD ["node", "--max-semi-space-size=8", "--disable-warning=ExperimentalWarning", "src/main.ts"]
