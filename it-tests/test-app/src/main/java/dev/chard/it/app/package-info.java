/**
 * The application under test: task beans that the integration tests send from an Arquillian/Weld client and that
 * real worker processes ({@code chard-worker.jar worker -A <this jar>}) run.
 */
package dev.chard.it.app;
