#!/usr/bin/env bash
# Creates or updates the Cloud Run job that migrates the older pipeline's layouts ("feedstore backfill"), run by
# hand, not on a schedule. With --tasks N each task takes the dates whose epoch day modulo N is its
# CLOUD_RUN_TASK_INDEX, so the N tasks cover every date once; within a task, --parallel files are read and deleted
# at once. Re-running is safe (a retried task redoes only what was not finished), so a failed task is retried.
#   deploy/backfill-job.sh                                   # deploy (or update) the job
#   gcloud run jobs execute feedstore-backfill --region europe-north1 --args=backfill,--dry-run,--json --wait
#   gcloud run jobs execute feedstore-backfill --region europe-north1 --wait
# Settings (environment): BACKFILL_TASKS (default 8), BACKFILL_PARALLELISM (tasks at once, default 8),
# BACKFILL_PARALLEL (files at once per task, default 32), BACKFILL_MEMORY (default 2Gi), BACKFILL_TIMEOUT
# (per task, default 3600s), BACKFILL_JOB (default feedstore-backfill).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
# shellcheck source=deploy/env.sh
source deploy/env.sh

BACKFILL_JOB="${BACKFILL_JOB:-feedstore-backfill}"
BACKFILL_TASKS="${BACKFILL_TASKS:-8}"
BACKFILL_PARALLELISM="${BACKFILL_PARALLELISM:-8}"
BACKFILL_PARALLEL="${BACKFILL_PARALLEL:-32}"
BACKFILL_MEMORY="${BACKFILL_MEMORY:-2Gi}"
BACKFILL_TIMEOUT="${BACKFILL_TIMEOUT:-3600s}"

gcloud run jobs deploy "$BACKFILL_JOB" \
  --project "$PROJECT_ID" \
  --region "$REGION" \
  --image "$IMAGE" \
  --service-account "$JOB_SA" \
  --args "backfill,--parallel,$BACKFILL_PARALLEL" \
  --set-env-vars "GCS_BUCKET=$GCS_BUCKET,PROJECT_ID=$PROJECT_ID,FEEDSTORE_LOG_FORMAT=json" \
  --tasks "$BACKFILL_TASKS" \
  --parallelism "$BACKFILL_PARALLELISM" \
  --max-retries 3 \
  --task-timeout "$BACKFILL_TIMEOUT" \
  --memory "$BACKFILL_MEMORY" \
  --cpu 1
echo "deployed $BACKFILL_JOB; dry run first:"
echo "  gcloud run jobs execute $BACKFILL_JOB --region $REGION --args=backfill,--dry-run,--json --wait"
