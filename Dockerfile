# FlowGrains host: one process that is both Orleans silo and HTTP front door.
#   docker build -t flowgrains-host:local .    (docker-compose.yml builds the same image)
# With no arguments it serves on port 8080; with `migrate` it applies the FlowGrains schema and exits.

# Only the project files of src/, so the restore layer below is reused until a project file changes,
# and a new project under src/ needs no edit here.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS projects
WORKDIR /src
COPY src/ src/
RUN find src -type f ! -name '*.csproj' -delete \
    && find src -depth -type d -empty -delete

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props ./
COPY --from=projects /src/ ./
RUN dotnet restore src/FlowGrains.Host/FlowGrains.Host.csproj
COPY . .
# silo-config/*.json (linked as Content by the host project) lands next to the dll.
RUN dotnet publish src/FlowGrains.Host -c Release -o /app --no-restore

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
# curl serves the compose healthchecks.
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/*
# The LocalFolder data root, owned by the image's non-root user (APP_UID, defined by the base image)
# so that a new named volume mounted here starts out writable.
RUN mkdir /data && chown "$APP_UID:$APP_UID" /data
# URLS, not the base image's HTTP_PORTS: silo profiles set "urls", which would override HTTP_PORTS
# with a warning at every start.
ENV FlowGrains__DataRoot=/data \
    ASPNETCORE_URLS=http://0.0.0.0:8080 \
    ASPNETCORE_HTTP_PORTS=
WORKDIR /app
COPY --from=build /app ./
USER $APP_UID
# HTTP front door, Orleans silo-to-silo, Orleans client gateway.
EXPOSE 8080 11111 30000
ENTRYPOINT ["dotnet", "FlowGrains.Host.dll"]
