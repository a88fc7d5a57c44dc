#!/bin/sh
# Make an image agentbench-ready: install whatever listed package is missing (only needed when
# starting from a registry image; a rootfs made by mmdebstrap has them all), then add the agent user.
set -eu
packages_file="$1"
missing=""
for pkg in $(sed -e 's/#.*//' "$packages_file"); do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing="$missing $pkg"
done
if [ -n "$missing" ]; then
    apt-get update
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $missing
    rm -rf /var/lib/apt/lists/*
fi
if ! id agent >/dev/null 2>&1; then
    groupadd --gid 1000 agent
    useradd --uid 1000 --gid 1000 --create-home --shell /bin/bash agent
fi
mkdir -p /workspace
chown agent:agent /workspace
git config --system user.name agent
git config --system user.email agent@sandbox.invalid
git config --system init.defaultBranch main
git config --system safe.directory '*'
