package io.daemoncontroller.sample.postgres;

import java.util.List;
import java.util.Optional;

import org.springframework.context.annotation.Profile;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Notes in PostgreSQL ({@code postgres} profile), through the {@link JdbcClient} Boot builds on its DataSource. */
@Repository
@Profile("postgres")
class NoteRepository {

    private final JdbcClient jdbc;

    NoteRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Stores a new note and returns it with its id. */
    Note add(String text) {
        long id = jdbc.sql("INSERT INTO note (text) VALUES (:text) RETURNING id")
                .param("text", text)
                .query(Long.class)
                .single();
        return new Note(id, text);
    }

    /** The note with this id, if any. */
    Optional<Note> find(long id) {
        return jdbc.sql("SELECT id, text FROM note WHERE id = :id").param("id", id).query(Note.class).optional();
    }

    /** Every note, oldest first. */
    List<Note> all() {
        return jdbc.sql("SELECT id, text FROM note ORDER BY id").query(Note.class).list();
    }
}
