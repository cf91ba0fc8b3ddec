package io.jenkins.plugins.anyscale.emulator;

/**
 * Where a request goes: the endpoint, and the identifier in its path (the collaborator {@code id} of a delete,
 * the {@code user_id} of a rotation), or {@code null}.
 */
record Route(Endpoint endpoint, String pathParameter) {}
