package io.jenkins.plugins.anyscale.emulator;

import java.util.List;

/**
 * One page of the collaborator list.
 *
 * @param members      the members on this page, in list order
 * @param total        how many members match the filters, on all pages
 * @param lastSequence the position of the last member on this page when more follow, or -1 on the last page
 */
record CollaboratorPage(List<Member> members, int total, long lastSequence) {

    boolean hasMore() {
        return lastSequence >= 0;
    }
}
