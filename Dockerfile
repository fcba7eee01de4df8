# syntax=docker/dockerfile:1
# ComplianceScanner agent image (docs/install.md).
#   docker build -t compliance-scanner:0.1.0 .                       the image
#   docker build --target test .                                      also runs the tests that need no browser or cluster
# The runtime image is Ubuntu "chiseled": no shell, no package manager, non-root. The agent writes only to
# /var/lib/compliance-scanner (its store, a volume in Kubernetes) and /tmp, so it runs with a read-only root filesystem.

# ---- build: restore and compile the command line (it embeds the demo and the rule docs, so scanner.yaml, the
# examples and docs/rules go in too)
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
ENV DOTNET_CLI_TELEMETRY_OPTOUT=1 \
    DOTNET_NOLOGO=1
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props BannedSymbols.txt .editorconfig ./
COPY src/ src/
COPY templates/ templates/
COPY docs/rules/ docs/rules/
COPY scanner.yaml ./
COPY examples/demo-cluster/ examples/demo-cluster/
RUN dotnet restore src/ComplianceScanner/ComplianceScanner.csproj
RUN dotnet build src/ComplianceScanner/ComplianceScanner.csproj -c Release --no-restore

# ---- test (optional, only built with --target test): the unit and deployment tests
FROM build AS test
COPY . .
RUN dotnet test tests/ComplianceScanner.Core.Tests -c Release \
 && dotnet test tests/ComplianceScanner.Configuration.Tests -c Release \
 && dotnet test tests/ComplianceScanner.Deploy.Tests -c Release

# ---- publish: the framework-dependent app with its templates, and an empty store directory for the app user
FROM build AS publish
RUN dotnet publish src/ComplianceScanner/ComplianceScanner.csproj -c Release --no-build -o /app \
 && mkdir -p /store

# ---- runtime
FROM mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled AS runtime
ARG VERSION=0.1.0
ARG REVISION=unknown
LABEL org.opencontainers.image.title="compliance-scanner" \
      org.opencontainers.image.description="Kubernetes separation-of-duties compliance scanner (Ingress and RBAC against declared layers): the in-cluster agent." \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.revision="${REVISION}" \
      org.opencontainers.image.vendor="ComplianceScanner" \
      org.opencontainers.image.base.name="mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled"
WORKDIR /app
# The app, with its report templates in /app/templates (mount a directory there to use your own).
COPY --from=publish /app/ /app/
# The default configuration, the production example from deploy/; the Deployment mounts its ConfigMap over it.
COPY deploy/base/scanner.yaml /etc/compliance-scanner/scanner.yaml
# The store directory, owned by the app user so that it also works without a volume (docker run).
COPY --from=publish --chown=1654:1654 /store/ /var/lib/compliance-scanner/
# The "app" user of the .NET images, numeric so that Kubernetes can verify runAsNonRoot.
USER 1654
EXPOSE 8080
ENTRYPOINT ["/app/compliance-scanner", "agent"]
CMD ["--config", "/etc/compliance-scanner/scanner.yaml", "--in-cluster", "--store", "/var/lib/compliance-scanner/scanner.db"]
