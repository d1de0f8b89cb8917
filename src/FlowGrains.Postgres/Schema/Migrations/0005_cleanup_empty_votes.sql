-- The provider reads an empty list of suspicion votes back as none and sends NULL when it asks to remove
-- a defunct silo, so an emptied list ('') must match NULL, or such a silo would never be cleaned up.
UPDATE orleansquery SET querytext = $q$
    DELETE FROM orleans_membership
    WHERE deployment_id = @DeploymentId AND address = @Address AND port = @Port AND generation = @Generation
      AND status = 6 AND start_time = @StartTime AND i_am_alive_time = @IAmAliveTime
      AND coalesce(suspect_times, '') = coalesce(@SuspectTimes, '')
$q$
WHERE querykey = 'CleanupDefunctSiloEntryKey';
