/* a /* b */ keep; */
