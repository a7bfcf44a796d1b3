/** Storage adapter: the object store on a local directory, emulating GCS's generations and preconditions with atomic publish and an inter-process lock. */
package io.feedstore.adapters.localfs;
