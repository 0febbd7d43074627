package io.lanyard.web.pages;

/** A line telling the person what just happened: done ({@code ok}) or not ({@code problem}). */
public record Notice(String kind, String text) {

  public static Notice ok(String text) {
    return new Notice("ok", text);
  }

  public static Notice problem(String text) {
    return new Notice("problem", text);
  }
}
