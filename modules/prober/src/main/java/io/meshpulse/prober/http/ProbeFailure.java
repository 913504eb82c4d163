package io.meshpulse.prober.http;

import io.meshpulse.schema.FailureKind;

/** Why a check got no usable reply, classified at the transport boundary. */
public record ProbeFailure(FailureKind kind, String message) {}
