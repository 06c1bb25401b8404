CREATE TABLE "road_speed_stats" (
	"from_osm_node_id" bigint NOT NULL,
	"to_osm_node_id" bigint NOT NULL,
	"hour" smallint NOT NULL,
	"sample_count" integer NOT NULL,
	"sum_speed_kmh" double precision NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "road_speed_stats_from_osm_node_id_to_osm_node_id_hour_pk" PRIMARY KEY("from_osm_node_id","to_osm_node_id","hour")
);
