package io.jenkins.plugins.anyscale.emulator;

/** The operations of the emulated API, the unit of fault injection and request counting. */
public enum Endpoint {
    /** {@code GET /api/v2/userinfo/}: who the token belongs to. */
    USERINFO,
    /** {@code POST /api/v2/users/service_accounts?name=...}. */
    CREATE_SERVICE_ACCOUNT,
    /** {@code POST /api/v2/users/create_api_key}. */
    CREATE_API_KEY,
    /** {@code GET /api/v2/organization_collaborators/}. */
    LIST_COLLABORATORS,
    /** {@code DELETE /api/v2/organization_collaborators/<id>}. */
    DELETE_COLLABORATOR,
    /** {@code POST /api/v2/organization_collaborators/rotate_api_key_for_user/<user_id>}. */
    ROTATE_API_KEYS
}
