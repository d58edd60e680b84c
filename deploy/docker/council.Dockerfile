# syntax=docker/dockerfile:1
# council-service image: built on Debian 12 with the project's toolchain, run on debian:12-slim as uid 10001.
# Build from the repository root (build arguments: deploy/README.md "Container images"):
#   docker build -f deploy/docker/council.Dockerfile -t registry.example.com/council/council-service:TAG .
ARG BUILD_IMAGE=debian:12
ARG RUNTIME_IMAGE=debian:12-slim

FROM ${BUILD_IMAGE} AS build
ARG BUILD_TYPE=Release
ARG BUILD_JOBS=2
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      g++ cmake ninja-build pkg-config ca-certificates \
      libboost1.81-dev libboost-json1.81-dev libboost-url1.81-dev libpq-dev libssl-dev libcrypt-dev \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY CMakeLists.txt ./
COPY tests/CMakeLists.txt tests/
COPY libs libs
COPY services services
COPY migrations migrations
RUN cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=${BUILD_TYPE} -DCOUNCIL_TESTS=OFF \
 && cmake --build build -j ${BUILD_JOBS} --target council-service \
 && strip build/services/council/council-service

FROM ${RUNTIME_IMAGE}
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      libpq5 libssl3 libcrypt1 libboost-json1.81.0 libboost-url1.81.0 ca-certificates \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --system --gid 10001 council \
 && useradd --system --uid 10001 --gid 10001 --home-dir /nonexistent --no-create-home --shell /usr/sbin/nologin council
COPY --from=build /src/build/services/council/council-service /usr/local/bin/council-service
COPY --from=build /src/migrations/council /usr/share/council/migrations/council
ENV MIGRATIONS_DIR=/usr/share/council/migrations \
    COUNCIL_LISTEN=0.0.0.0:8082
USER 10001:10001
EXPOSE 8082
ENTRYPOINT ["/usr/local/bin/council-service"]
CMD ["serve"]
