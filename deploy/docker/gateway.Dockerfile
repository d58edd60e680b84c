# syntax=docker/dockerfile:1
# Gateway image: the browser app (web/) built with Node, served by Debian 12's nginx-light (the version the
# local stack tests) as uid 10001. The cluster mounts the rendered nginx.conf at /etc/gateway/nginx.conf.
#   docker build -f deploy/docker/gateway.Dockerfile -t registry.example.com/council/gateway:TAG .
ARG NODE_IMAGE=node:20-bookworm-slim
ARG RUNTIME_IMAGE=debian:12-slim

FROM ${NODE_IMAGE} AS web
WORKDIR /web
COPY web/package*.json ./
RUN if [ -f package-lock.json ]; then npm ci --no-audit --no-fund; else npm install --no-audit --no-fund; fi
COPY web ./
RUN npm run build

FROM ${RUNTIME_IMAGE}
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends nginx-light \
 && rm -rf /var/lib/apt/lists/* /etc/nginx/sites-enabled/* \
 && groupadd --system --gid 10001 gateway \
 && useradd --system --uid 10001 --gid 10001 --home-dir /nonexistent --no-create-home --shell /usr/sbin/nologin gateway
COPY --from=web /web/dist /srv/www
COPY deploy/gateway/nginx.conf.template deploy/gateway/render /usr/share/council-gateway/
USER 10001:10001
EXPOSE 8080
# SIGQUIT is nginx's graceful shutdown: open streams finish within the pod's grace period.
STOPSIGNAL SIGQUIT
ENTRYPOINT []
CMD ["nginx", "-c", "/etc/gateway/nginx.conf", "-p", "/var/lib/gateway/", "-g", "daemon off;"]
