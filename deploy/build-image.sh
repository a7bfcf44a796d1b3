#!/usr/bin/env bash
# Builds the container image from the repository's Dockerfile with Cloud Build and pushes it to Artifact Registry
# (no local Docker needed). Prints the image's digest, the exact build to deploy or roll back to.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
# shellcheck source=deploy/env.sh
source deploy/env.sh

gcloud services enable artifactregistry.googleapis.com cloudbuild.googleapis.com run.googleapis.com \
  cloudscheduler.googleapis.com iam.googleapis.com --project "$PROJECT_ID"

if ! gcloud artifacts repositories describe "$REPOSITORY" --location "$REGION" --project "$PROJECT_ID" \
    > /dev/null 2>&1; then
  gcloud artifacts repositories create "$REPOSITORY" --repository-format docker --location "$REGION" \
    --project "$PROJECT_ID" --description "feedstore container images"
fi

gcloud builds submit . --tag "$IMAGE" --project "$PROJECT_ID" --region "$REGION"
echo "built $IMAGE"
gcloud artifacts docker images describe "$IMAGE" --project "$PROJECT_ID" --format 'value(image_summary.fully_qualified_digest)'
