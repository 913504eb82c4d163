package io.meshpulse.embedded;

import java.time.Duration;

/**
 * What a {@link Behaviour} knows about the request it answers.
 *
 * @param url the agent's health URL
 * @param sequence the request's index among those the agent received since its behaviour was last set, from 0
 * @param firstOnConnection whether this is the first request on its connection
 * @param idle how long the connection had been idle: since the previous response was written, or since
 *     it was accepted for the first request
 */
public record RequestContext(String url, long sequence, boolean firstOnConnection, Duration idle, Request request) {}
