#!/usr/bin/env bash
# Creates or updates the Cloud Run job that consolidates the store once a day: the image's default command is
# "consolidate"; its settings are environment variables (see README, Configuration). Re-running it is safe, so
# a failed task is retried; a task that runs past the timeout is stopped and retried the same way.
#   IMAGE=...@sha256:... deploy/consolidation-job.sh     # deploy (or roll back to) an exact build
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
# shellcheck source=deploy/env.sh
source deploy/env.sh

gcloud run jobs deploy "$JOB" \
  --project "$PROJECT_ID" \
  --region "$REGION" \
  --image "$IMAGE" \
  --service-account "$JOB_SA" \
  --args consolidate \
  --set-env-vars "GCS_BUCKET=$GCS_BUCKET,PROJECT_ID=$PROJECT_ID,CONSOLIDATION_MIN_ROWS=$CONSOLIDATION_MIN_ROWS,FEEDSTORE_LOG_FORMAT=json" \
  --tasks 1 \
  --parallelism 1 \
  --max-retries 2 \
  --task-timeout 3600s \
  --memory 2Gi \
  --cpu 1
