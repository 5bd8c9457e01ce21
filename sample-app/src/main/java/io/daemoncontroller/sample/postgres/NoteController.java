package io.daemoncontroller.sample.postgres;

import java.net.URI;
import java.util.List;

import org.springframework.context.annotation.Profile;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /notes} (the note's text as {@code text/plain}), {@code GET /notes} and {@code GET /notes/{id}}:
 * notes kept in PostgreSQL ({@code postgres} profile), as JSON.
 */
@RestController
@Profile("postgres")
@RequestMapping("/notes")
class NoteController {

    private final NoteRepository notes;

    NoteController(NoteRepository notes) {
        this.notes = notes;
    }

    @PostMapping(consumes = MediaType.TEXT_PLAIN_VALUE)
    ResponseEntity<Note> add(@RequestBody String text) {
        Note note = notes.add(text);
        return ResponseEntity.created(URI.create("/notes/" + note.id())).body(note);
    }

    @GetMapping
    List<Note> all() {
        return notes.all();
    }

    @GetMapping("/{id}")
    ResponseEntity<Note> find(@PathVariable long id) {
        return ResponseEntity.of(notes.find(id));
    }
}
