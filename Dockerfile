# The analysis-runtime image: connascence with precompiled analyzers and a warm cache snapshot.
# Works as a GitHub Actions `container:` image (Debian, glibc, /bin/sh, tar; any entrypoint; root or not)
# and as a devcontainer. Build it with `connascence image build` (adds the labels, the build args and an
# optional extra CA for the build stages), or plain `docker build .`.
#
# NODE_IMAGE: any Debian-based image with Node.js >= 20.19 and npm; Node 22 by default (Node 20 is past
# end of life). Without a registry, build one with images/node-base/build.sh.
ARG NODE_IMAGE=node:22-bookworm-slim

# ---- production dependencies (changes only with package-lock.json) ----
FROM ${NODE_IMAGE} AS deps
WORKDIR /opt/connascence
# An extra CA for TLS-intercepting proxies, used by the build stages only (empty file when none).
COPY .connascence-build/ /tmp/connascence-build/
COPY package.json package-lock.json .npmrc ./
RUN if [ -s /tmp/connascence-build/extra-ca.pem ]; then export NODE_EXTRA_CA_CERTS=/tmp/connascence-build/extra-ca.pem; fi \
 && npm ci --omit=dev --no-audit --no-fund \
 && rm -rf /root/.npm /tmp/connascence-build

# ---- compile the analyzers with swc and bundle their entry points (rolldown.config.mjs) ----
FROM ${NODE_IMAGE} AS build
WORKDIR /build
COPY .connascence-build/ /tmp/connascence-build/
COPY package.json package-lock.json .npmrc ./
RUN if [ -s /tmp/connascence-build/extra-ca.pem ]; then export NODE_EXTRA_CA_CERTS=/tmp/connascence-build/extra-ca.pem; fi \
 && npm ci --no-audit --no-fund
COPY tsconfig.json .swcrc rolldown.config.mjs ./
COPY bin ./bin
COPY src ./src
RUN npm run build

# ---- runtime ----
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    CONNASCENCE_SNAPSHOT_DIRS=/opt/connascence/cache-snapshot \
    CONNASCENCE_COMPILE_CACHE=/opt/connascence/compile-cache
WORKDIR /opt/connascence
# Layers from least to most often changing: dependencies, package metadata, compiled analyzers, fixtures, cache.
COPY --from=deps /opt/connascence/node_modules ./node_modules
COPY package.json ./
COPY bin ./bin
COPY schemas ./schemas
COPY --from=build /build/dist ./dist
COPY --from=build /build/oclif.manifest.json ./
COPY warmup-fixtures ./warmup-fixtures
# Node opens its compile cache for writing or not at all, so the default user owns it (root can use it too).
# Warm cache snapshot made by the CLI itself: the build fails if the analyzers do not work
# (warmup-cache parses every fixture; validate-environment checks the golden self-test).
RUN ln -s /opt/connascence/bin/run.js /usr/local/bin/connascence \
 && connascence warmup-cache --directory /opt/connascence/warmup-fixtures --cache-dir /tmp/warm --snapshot /tmp/warm.tar \
 && connascence cache import /tmp/warm.tar --cache-dir /opt/connascence/cache-snapshot \
 && rm -rf /tmp/warm /tmp/warm.tar /tmp/connascence-self-test-cache \
 && connascence validate-environment --directory /opt/connascence/warmup-fixtures --cache-dir /tmp/probe-cache \
 && connascence analyze /opt/connascence/warmup-fixtures --format json --output /dev/null --fail-on none --no-cache \
 && rm -rf /tmp/probe-cache /tmp/connascence-self-test-cache /root/.npm /root/.cache/connascence \
 && chmod -R a+rX /opt/connascence \
 && chown -R node:node /opt/connascence/compile-cache
USER node
# Node keeps one compile cache per uid (compile-cache/v<node>-<arch>-<hash>-<uid>): the RUN above filled
# root's, this one fills the default user's, or every `docker run` would compile every module again.
RUN connascence validate-environment --directory /opt/connascence/warmup-fixtures --cache-dir /tmp/probe-cache > /dev/null \
 && connascence analyze /opt/connascence/warmup-fixtures --format json --output /dev/null --fail-on none --cache-dir /tmp/probe-cache \
 && connascence analyze /opt/connascence/warmup-fixtures --format json --output /dev/null --fail-on none --no-cache \
 && rm -rf /tmp/probe-cache /tmp/connascence-self-test-cache /home/node/.cache/connascence
# No key that seals caches inside checkouts (cache/machine-key.ts) is baked: every RUN above names its
# cache with --cache-dir (or --no-cache), and the rm makes sure; each container makes its own key.
# Declared here, after the last RUN: a build argument in scope is part of every later RUN's cache key, so
# the build date would otherwise rebuild the warm-cache layer on every build of unchanged sources.
ARG VERSION=0.0.0
ARG REVISION=unknown
ARG CREATED=unknown
ARG SOURCE=https://github.com/connascence/connascence
LABEL org.opencontainers.image.title="connascence analysis runtime" \
      org.opencontainers.image.description="connascence with precompiled analyzers and a warm cache snapshot, for CI container jobs and devcontainers" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.revision="${REVISION}" \
      org.opencontainers.image.created="${CREATED}" \
      org.opencontainers.image.source="${SOURCE}" \
      org.opencontainers.image.licenses="MIT" \
      devcontainer.metadata="[{\"remoteUser\":\"node\",\"containerEnv\":{\"CONNASCENCE_SNAPSHOT_DIRS\":\"/opt/connascence/cache-snapshot\"},\"postCreateCommand\":\"connascence validate-environment --directory \${containerWorkspaceFolder}\"}]"
CMD ["connascence", "--help"]
