#!/usr/bin/env bash
# Least privilege, as two identities:
# - the job's service account may get, list, create and delete objects in GCS_BUCKET only: a custom role with
#   exactly storage.objects.{get,list,create,delete}, granted on the bucket (not the project). Replacing
#   consolidated.parquet is a create over an existing object, which Cloud Storage allows only with delete too.
#   (roles/storage.objectUser would also work but adds update, restore, multipart-upload and managed-folder rights.)
# - the scheduler's service account may run the consolidation job only (roles/run.invoker on that job, granted
#   by deploy/schedule.sh once the job exists).
# Idempotent: existing accounts, roles and bindings are kept.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
# shellcheck source=deploy/env.sh
source deploy/env.sh

permissions="storage.objects.get,storage.objects.list,storage.objects.create,storage.objects.delete"
if gcloud iam roles describe "$ROLE_ID" --project "$PROJECT_ID" > /dev/null 2>&1; then
  gcloud iam roles update "$ROLE_ID" --project "$PROJECT_ID" --permissions "$permissions" --quiet
else
  gcloud iam roles create "$ROLE_ID" --project "$PROJECT_ID" --title "feedstore objects read/write" \
    --description "Read, list, create and delete objects: what feedstore needs on its bucket" \
    --permissions "$permissions" --stage GA
fi

for account in "$JOB_SA_NAME" "$SCHEDULER_SA_NAME"; do
  if ! gcloud iam service-accounts describe "$account@$PROJECT_ID.iam.gserviceaccount.com" \
      --project "$PROJECT_ID" > /dev/null 2>&1; then
    gcloud iam service-accounts create "$account" --project "$PROJECT_ID" --display-name "$account"
  fi
done

# On the bucket only: the job can touch nothing outside GCS_BUCKET.
gcloud storage buckets add-iam-policy-binding "gs://$GCS_BUCKET" \
  --member "serviceAccount:$JOB_SA" --role "$ROLE" --project "$PROJECT_ID"
