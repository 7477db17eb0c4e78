package dev.kaiwa.bench;

/**
 * The requests of one call lifecycle, in the order a host sends them. A call is created SCHEDULED
 * and only an IN_PROGRESS or PAUSED call may end, so the lifecycle starts the call before the
 * host joins and ends it.
 */
enum Step {
    /** The host creates a call; the server answers 201 with the call, SCHEDULED. */
    CREATE("create", "POST /api/v1/calls"),
    /** The host starts the call: SCHEDULED to IN_PROGRESS. */
    START("start", "POST /api/v1/calls/{id}/start"),
    /** The host joins as its creator and receives a signaling ticket and a participant token. */
    JOIN("join", "POST /api/v1/calls/{id}/join"),
    /** The host ends the call, which also closes its invites, tickets and participants. */
    END("end", "POST /api/v1/calls/{id}/end");

    private final String label;
    private final String request;

    Step(String label, String request) {
        this.label = label;
        this.request = request;
    }

    String label() {
        return label;
    }

    String request() {
        return request;
    }
}
