/** When and after how long a failed task runs again: backoff shapes and the retry decision. */
package io.celeriac.core.retry;
