/** Test kit: the object store contract suite and the test doubles every adapter's tests reuse. */
package io.feedstore.testkit;
