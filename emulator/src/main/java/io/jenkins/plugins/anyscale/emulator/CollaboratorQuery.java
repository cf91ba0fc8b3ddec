package io.jenkins.plugins.anyscale.emulator;

/**
 * One page request of the collaborator list.
 *
 * @param serviceAccounts list service accounts ({@code true}) or human users ({@code false})
 * @param nameContains    lower-cased partial name filter, or {@code null}
 * @param emailContains   lower-cased partial email filter, or {@code null}
 * @param afterSequence   list only members after this position (from the paging token), or -1 for the first page
 * @param count           page size, 1 to 50
 */
record CollaboratorQuery(
        boolean serviceAccounts, String nameContains, String emailContains, long afterSequence, int count) {

    boolean matches(Member member) {
        return member.serviceAccount() == serviceAccounts
                && (nameContains == null || member.lowerName().contains(nameContains))
                && (emailContains == null || member.lowerEmail().contains(emailContains));
    }

    boolean filtered() {
        return nameContains != null || emailContains != null;
    }
}
