package dev.kaiwa.call;

import dev.kaiwa.audit.AuditRecord;
import dev.kaiwa.participant.Participant;
import dev.kaiwa.participant.ParticipantStatus;
import dev.kaiwa.shared.Actor;
import java.util.Optional;

/**
 * What one actor may do with one call, worked out once per request by {@link CallAccess}.
 *
 * @param participant the actor's own participant in the call, if any
 * @param creator the actor created the call
 * @param organizationAdmin an admin of the call's organization
 * @param organizationAuditor an auditor of the call's organization
 */
public record CallPermissions(Call call, Optional<Participant> participant, boolean creator, boolean organizationAdmin,
        boolean organizationAuditor) {

    private boolean activeParticipant() {
        return participant.filter(p -> p.status() != ParticipantStatus.REMOVED && p.status() != ParticipantStatus.DENIED)
                .isPresent();
    }

    public boolean mayView() {
        return creator || organizationAdmin || organizationAuditor || activeParticipant();
    }

    /** Start, pause, end, edit: hosts of the call, its creator and admins of its organization. */
    public boolean mayManage() {
        return creator || organizationAdmin || (activeParticipant() && participant.get().role().isHost());
    }

    /** Invites and role changes: the call's HOST and CO_HOST participants only. */
    public boolean isHost() {
        return activeParticipant() && participant.get().role().isHost();
    }

    public boolean mayModerate() {
        return organizationAdmin || (activeParticipant() && participant.get().role().mayModerate());
    }

    /**
     * {@code actor}, whose permissions these are, as the audit trail names it, in the call's organization: an
     * SSO user with its groups, a participant (participant token) with its role in this call.
     */
    public AuditRecord audited(Actor actor) {
        if (actor instanceof Actor.Guest guest && participant.isPresent()) {
            return AuditRecord.byParticipant(guest.participantId(), participant.get().role().name())
                    .in(call.organization());
        }
        return AuditRecord.by(actor).in(call.organization());
    }
}
