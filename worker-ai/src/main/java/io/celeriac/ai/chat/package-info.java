/** Conversation: a user's request to the model, which schedules at most one task per request. */
package io.celeriac.ai.chat;
