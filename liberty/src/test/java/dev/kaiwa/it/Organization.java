package dev.kaiwa.it;

import java.util.List;
import java.util.UUID;

/**
 * A customer organization made up for one test, so its calls, lists and analytics are the test's
 * alone; every user it hands out has a fresh subject, so no test shares a rate limit with another.
 */
public record Organization(String name) {
    public static Organization fresh() {
        return new Organization("org-" + uniqueSuffix());
    }

    /** May create calls. */
    public TestUser host() {
        return member("host", List.of(TestUser.HOST));
    }

    /** Sees and manages every call of the organization. */
    public TestUser admin() {
        return member("admin", List.of(TestUser.ADMIN));
    }

    /** Reads every call of the organization and changes nothing. */
    public TestUser auditor() {
        return member("auditor", List.of(TestUser.AUDITOR));
    }

    /** Takes part in calls; creates none. */
    public TestUser user() {
        return member("user", List.of(TestUser.USER));
    }

    private TestUser member(String kind, List<String> groups) {
        String subject = kind + "-" + uniqueSuffix();
        return new TestUser(subject, name, groups, "Test " + kind + " " + subject.substring(kind.length() + 1),
                subject + "@" + name + ".example.com");
    }

    public static String uniqueSuffix() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }
}
