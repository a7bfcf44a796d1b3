#!/usr/bin/env bash
# Everything, in order: image, identities, job, schedule. Each step is idempotent, so re-running is safe.
#   PROJECT_ID=my-project GCS_BUCKET=my-press-bucket deploy/deploy-all.sh
set -euo pipefail
here="$(dirname "${BASH_SOURCE[0]}")"
"$here/build-image.sh"
"$here/service-accounts.sh"
"$here/consolidation-job.sh"
"$here/schedule.sh"
echo "deployed; try it now without changing anything:"
echo "  gcloud run jobs execute ${JOB:-feedstore-consolidate} --region ${REGION:-europe-north1} --args=consolidate,--dry-run --wait"
