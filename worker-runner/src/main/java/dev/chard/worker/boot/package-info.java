/**
 * Opening an application archive (jar, folder, WAR) and booting it in Weld SE (internal).
 */
package dev.chard.worker.boot;
