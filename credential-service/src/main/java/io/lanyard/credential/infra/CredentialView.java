package io.lanyard.credential.infra;

import java.util.List;

/**
 * A user's credentials as stored for reading: the code only as its ciphertext (the API masks or,
 * for a reveal or the user themself, decrypts it), the cards masked.
 */
public record CredentialView(String codeCiphertext, String codeSource, List<CardView> cards) {}
