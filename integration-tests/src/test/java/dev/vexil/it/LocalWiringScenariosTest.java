package dev.vexil.it;

import dev.vexil.it.stack.LocalWiring;
import dev.vexil.it.stack.Stack;
import java.nio.file.Files;

/** The scenarios against the local stack (SQLite, in-process change feed, filesystem, local edge). */
class LocalWiringScenariosTest extends EndToEndScenarios {
    @Override
    protected Stack startStack() throws Exception {
        return new LocalWiring(Files.createTempDirectory("vexil-it-local"));
    }
}
