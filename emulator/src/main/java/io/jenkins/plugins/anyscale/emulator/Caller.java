package io.jenkins.plugins.anyscale.emulator;

/** Whom a request's token belongs to: the organization owner, or a service account through one of its keys. */
record Caller(EmulatedAccount account, boolean owner) {}
