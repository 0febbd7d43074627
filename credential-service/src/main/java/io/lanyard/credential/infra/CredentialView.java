package io.lanyard.credential.infra;

import io.lanyard.credential.domain.CodeSource;
import java.util.List;

/**
 * A user's credentials as stored for reading: the code only as its ciphertext (the API masks or,
 * for a reveal or the user themself, decrypts it), the cards masked; {@code codeSource} is null
 * without a code.
 */
public record CredentialView(String codeCiphertext, CodeSource codeSource, List<CardView> cards) {}
