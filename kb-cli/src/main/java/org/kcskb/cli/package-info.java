/**
 * The {@code kb} command-line tool: {@code import}, {@code export}, {@code rebuild} and {@code stats} against an
 * embedded knowledge base folder ({@code --store DIR}) or a PostgreSQL store ({@code --jdbc URL}). Run {@code java -jar
 * kb-cli.jar --help}.
 */
package org.kcskb.cli;
