# One image for every service; the container's command picks the app (see deploy/ and docker-compose).
# Services run from TypeScript through @swc-node/register (the same way as in development and CI).
FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production NX_DAEMON=false
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.base.json tsconfig.json ./
COPY libs ./libs
COPY apps ./apps
USER node
# --max-semi-space-size=64: less garbage collection for the message-heavy services (SERVICE_NODE_FLAGS in
# libs/testing's harness says why; the tests and the bench run the services with the same flags).
ENTRYPOINT ["node", "--max-semi-space-size=64", "-r", "@swc-node/register"]
CMD ["apps/scheduling/src/main.ts"]
