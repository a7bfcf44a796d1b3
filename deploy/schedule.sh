#!/usr/bin/env bash
# Runs the consolidation job every day at 00:05 UTC with Cloud Scheduler. Partitions are UTC dates and
# "consolidate" picks those dated before today (UTC), so the job must start after midnight UTC: at 00:05 Etc/UTC
# yesterday's partitions are complete, and the time never moves with daylight saving (see README).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
# shellcheck source=deploy/env.sh
source deploy/env.sh

# The scheduler's identity may run this one job.
gcloud run jobs add-iam-policy-binding "$JOB" --project "$PROJECT_ID" --region "$REGION" \
  --member "serviceAccount:$SCHEDULER_SA" --role roles/run.invoker

uri="https://run.googleapis.com/v2/projects/$PROJECT_ID/locations/$REGION/jobs/$JOB:run"
verb=create
if gcloud scheduler jobs describe "$SCHEDULE_NAME" --project "$PROJECT_ID" --location "$REGION" \
    > /dev/null 2>&1; then
  verb=update
fi
gcloud scheduler jobs "$verb" http "$SCHEDULE_NAME" \
  --project "$PROJECT_ID" \
  --location "$REGION" \
  --schedule "5 0 * * *" \
  --time-zone "Etc/UTC" \
  --uri "$uri" \
  --http-method POST \
  --oauth-service-account-email "$SCHEDULER_SA" \
  --description "feedstore: consolidate yesterday's partitions (and late arrivals) after midnight UTC"
