/** The overlay colours and heat-map scales: shared with the host's thumbnails, so defined in src/shared. */
export * from '../../src/shared/colours';
