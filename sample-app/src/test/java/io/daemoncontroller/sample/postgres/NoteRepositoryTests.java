package io.daemoncontroller.sample.postgres;

import io.daemoncontroller.boot.Daemons;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link NoteRepository} on the real PostgreSQL of the {@code postgres} profile, its schema migrated by Flyway. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
@ActiveProfiles({"postgres", "test"})
@DirtiesContext
class NoteRepositoryTests {

    @Autowired
    NoteRepository notes;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Daemons daemons;

    @BeforeAll
    static void requirePostgres() {
        PostgresRequirement.check();
    }

    @Test
    void flywayMigratedTheSchemaAtStartup() {
        assertThat(jdbc.sql("SELECT version FROM flyway_schema_history WHERE success").query(String.class).list())
                .contains("1");
    }

    @Test
    void findsTheNoteItAddedAndListsItAfterTheEarlierOnes() {
        Note added = notes.add("Hello, repository");

        assertThat(notes.find(added.id())).contains(added);
        assertThat(notes.all()).last().isEqualTo(added);
    }

    @Test
    void runsOnThePostgresEveryTestClassShares() {
        SharedPostgres.assertSameServerAsEveryTestClass(daemons);
    }
}
